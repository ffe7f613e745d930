import type { AudioFile, Line } from '../types.js';
import type { Reader } from './reader.js';

/** One line (number) of the PBX and the scheme its incoming calls run (reference §3.6.2). */
export function readLine(r: Reader, v: unknown, path: string): Line | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const line_id = r.num(o, 'line_id', path, true, 1);
  const number = r.str(o, 'number', path, true);
  const region = r.str(o, 'region', path, false) ?? '77';
  const schema_id = r.num(o, 'schema_id', path, false);
  if (line_id === undefined || number === undefined) return undefined;
  const l: Line = { ...(o as unknown as Line), line_id, number, region };
  if (schema_id !== undefined) l.schema_id = schema_id;
  return l;
}

/** One audio file (a prompt an IVR node or `play/start` plays). */
export function readAudio(r: Reader, v: unknown, path: string): AudioFile | undefined {
  const ao = r.obj(v, path);
  if (!ao) return undefined;
  const id = r.num(ao, 'id', path, true);
  if (id === undefined) return undefined;
  return {
    id,
    name: r.str(ao, 'name', path, false) ?? `audio-${id}.mp3`,
    duration_sec: r.num(ao, 'duration_sec', path, false, 0) ?? 5,
  };
}
