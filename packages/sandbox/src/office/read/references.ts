import { OFFICE_ISSUES } from '../../i18n/messages.js';
import type { Office } from '../types.js';
import { type Reader, unique } from './reader.js';

/** Checks that every id an office refers to exists (groups → employees, lines → schemes, nodes → nodes). */
export function checkReferences(r: Reader, office: Office): void {
  const users = new Set(office.employees.map((e) => e.user_id));
  const groups = new Set(office.groups.map((g) => g.id));
  const audio = new Set(office.audiofiles.map((a) => a.id));
  const schemes = new Set(office.schemes.map((s) => s.schema_id));
  const extensions = new Set<string>();
  for (const e of office.employees) if (e.extension) extensions.add(e.extension);
  unique(r, office.employees, (e) => e.user_id, 'employees', 'user_id');
  unique(r, office.employees, (e) => e.extension, 'employees', 'extension');
  unique(r, office.groups, (g) => g.id, 'groups', 'id');
  unique(r, office.lines, (l) => l.number, 'lines', 'number');
  unique(r, office.schemes, (s) => s.schema_id, 'schemes', 'schema_id');
  office.groups.forEach((g, gi) => {
    if (g.extension && extensions.has(g.extension)) {
      r.fail(`groups[${gi}].extension`, OFFICE_ISSUES.groupExtensionTaken(g.extension));
    }
    g.operators.forEach((op, oi) => {
      if (!users.has(op.id)) r.fail(`groups[${gi}].operators[${oi}].id`, OFFICE_ISSUES.noOperator(op.id));
    });
  });
  const lineNumbers = new Set(office.lines.map((l) => l.number));
  unique(r, office.call_tracking ?? [], (t) => t.number, 'call_tracking', 'number');
  office.call_tracking?.forEach((t, ti) => {
    if (!lineNumbers.has(t.number)) {
      r.fail(`call_tracking[${ti}].number`, OFFICE_ISSUES.noTrackedLine(t.number));
    }
  });
  office.lines.forEach((l, li) => {
    if (l.schema_id !== undefined && !schemes.has(l.schema_id)) {
      r.fail(`lines[${li}].schema_id`, OFFICE_ISSUES.noScheme(l.schema_id));
    }
  });
  office.schemes.forEach((s, si) => {
    const ids = new Set(s.nodes.map((n) => n.id));
    const p = `schemes[${si}]`;
    unique(r, s.nodes, (n) => n.id, `${p}.nodes`, 'node id');
    if (!ids.has(s.start)) r.fail(`${p}.start`, OFFICE_ISSUES.noNode(s.start));
    s.nodes.forEach((n, ni) => {
      const np = `${p}.nodes[${ni}]`;
      const target = (key: string, t: string | undefined) => {
        if (t !== undefined && !ids.has(t)) r.fail(`${np}.${key}`, OFFICE_ISSUES.noNode(t));
      };
      if ('audio_id' in n && n.audio_id !== undefined && !audio.has(n.audio_id)) {
        r.fail(`${np}.audio_id`, OFFICE_ISSUES.noAudio(n.audio_id));
      }
      switch (n.type) {
        case 'menu':
          for (const [k, t] of Object.entries(n.items)) target(`items.${k}`, t);
          target('timeout', n.timeout);
          break;
        case 'disa':
          target('next', n.next);
          target('timeout', n.timeout);
          break;
        case 'play':
          target('next', n.next);
          break;
        case 'group':
          if (!groups.has(n.group_id)) r.fail(`${np}.group_id`, OFFICE_ISSUES.noGroup(n.group_id));
          target('fallback', n.fallback);
          break;
        case 'employee':
          if (!extensions.has(n.extension)) r.fail(`${np}.extension`, OFFICE_ISSUES.noEmployee(n.extension));
          target('fallback', n.fallback);
          break;
        case 'number':
          target('fallback', n.fallback);
          break;
        case 'hangup':
          break;
      }
    });
  });
  office.forwarding_rules.forEach((f, fi) => {
    if (f.forward_type === 'user' && f.forward_to_user && !users.has(f.forward_to_user.forward_user_id)) {
      r.fail(`forwarding_rules[${fi}].forward_to_user.forward_user_id`, OFFICE_ISSUES.noSuchEmployee);
    }
    if (
      f.forward_type === 'group' &&
      f.forward_to_group &&
      !groups.has(f.forward_to_group.forward_group_id)
    ) {
      r.fail(`forwarding_rules[${fi}].forward_to_group.forward_group_id`, OFFICE_ISSUES.noSuchGroup);
    }
  });
}
