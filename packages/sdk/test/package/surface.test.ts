import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

// The public surface of each entry point, pinned: a name appears or disappears only when this
// list changes with it. Values are what a consumer can import at run time; types the rest.
// Each test prints its entry's counts and names as a diagnostic:
//   node --conditions=source --import tsx --test packages/sdk/test/package/surface.test.ts

const MANGOKIT_VALUES = [
  'CallTracker',
  'DEFAULT_RETRY_POLICY',
  'MANGO_NOTIFICATION_IPS',
  'MangoAbortError',
  'MangoActionError',
  'MangoApiError',
  'MangoAuthError',
  'MangoBillingError',
  'MangoClient',
  'MangoConnectionError',
  'MangoError',
  'MangoInvalidRequestError',
  'MangoNotFoundError',
  'MangoRateLimitError',
  'MangoServerError',
  'MangoSignatureError',
  'MangoTimeoutError',
  'MangoValidationError',
  'MemoryCallStore',
  'createNodeListener',
  'createNodeTransport',
  'createWebhookHandler',
  'describeDisconnectReason',
  'describeResultCode',
  'parseEvent',
  'toExpressMiddleware',
  'toFastifyPlugin',
  'toHonoHandler',
  'toNodeListener',
  'verifyNotification',
];

const MANGOKIT_TYPES = [
  'AcceptedNotification',
  'AccountResource',
  'AddressBookEvent',
  'AddressBookEventPayload',
  'AddressBookParams',
  'AddressBookResource',
  'AddressBookResponse',
  'ApiCredentials',
  'AudioResource',
  'AutosecretaryResource',
  'AutosecretaryRule',
  'BalanceResponse',
  'CallDurations',
  'CallEvent',
  'CallEventPayload',
  'CallLocation',
  'CallMoment',
  'CallOutcome',
  'CallPartyFrom',
  'CallPartyTo',
  'CallState',
  'CallStore',
  'CallTrackerEventName',
  'CallTrackerEvents',
  'CallTrackerOptions',
  'CallbackGroupParams',
  'CallbackInitiator',
  'CallbackParams',
  'CallbackSipHeaders',
  'CallsResource',
  'CampaignParams',
  'CampaignResponse',
  'CampaignsResource',
  'CancelTransferParams',
  'CcCallData',
  'CcPresence',
  'CcResource',
  'CcStatus',
  'ClientOptions',
  'Clock',
  'CommandName',
  'CommandResult',
  'CommandResultEvent',
  'CommandResultPayload',
  'ConnectParams',
  'DctInfo',
  'DctResource',
  'DctUserInfo',
  'DedupeOptions',
  'DisconnectReasonClass',
  'DomainsResource',
  'DtmfEvent',
  'DtmfEventPayload',
  'ErrorListener',
  'EventListener',
  'FetchLike',
  'ForwardingAddParams',
  'ForwardingResource',
  'ForwardingRule',
  'ForwardingTarget',
  'Group',
  'GroupCreateParams',
  'GroupFields',
  'GroupOperator',
  'GroupUpdateParams',
  'GroupsListParams',
  'GroupsResource',
  'HangupParams',
  'HoldParams',
  'Hooks',
  'IncomingLine',
  'LegMoment',
  'LinesResource',
  'ListAddParams',
  'ListType',
  'ListedNumber',
  'ListsResource',
  'LogFields',
  'LogLevel',
  'Logger',
  'MangoApiErrorInit',
  'MangoEvent',
  'MangoEventMap',
  'MangoEventName',
  'MangoEventType',
  'MemberCreateParams',
  'MemberNumber',
  'MemberUpdateParams',
  'MembersResource',
  'MemoryCallStoreOptions',
  'NodeListener',
  'NodeTransportOptions',
  'NodeWebhookListener',
  'NotificationForm',
  'NumberList',
  'OfflineRecognizeParams',
  'OutboundBanMode',
  'OutboundBannedNumber',
  'OutboundBlacklistResource',
  'PingEvent',
  'PingPayload',
  'PlayParams',
  'RateLimitOptions',
  'RecognitionResource',
  'RecognizedOfflineEvent',
  'RecognizedOfflinePayload',
  'RecordAddedEvent',
  'RecordStoredEventPayload',
  'RecordTaggedEvent',
  'RecordingAction',
  'RecordingCategoriesParams',
  'RecordingCategoriesResponse',
  'RecordingCategory',
  'RecordingDownload',
  'RecordingDownloadOptions',
  'RecordingEvent',
  'RecordingEventPayload',
  'RecordingLinkOptions',
  'RecordingTranscriptsResponse',
  'RecordingsResource',
  'RequestHookInfo',
  'RequestInfo',
  'RequestOptions',
  'ResponseHookInfo',
  'ResultCodeClass',
  'ResultCodeDescription',
  'ResultCodeText',
  'ResultResponse',
  'RetryHookInfo',
  'RetryPolicy',
  'Role',
  'RolesResource',
  'RouteParams',
  'RouteSipHeaders',
  'S2tRecord',
  'S2tResource',
  'SavedRecording',
  'ScheduleItem',
  'ScheduleItemType',
  'Schema',
  'SchemaSetParams',
  'SchemasResource',
  'SipAccount',
  'SipCreateParams',
  'SipUpdateParams',
  'SipsResource',
  'SmsEvent',
  'SmsEventPayload',
  'SmsParams',
  'SmsResource',
  'StartRecordingParams',
  'StatsCallItem',
  'StatsCallsLimit',
  'StatsCallsParams',
  'StatsCallsStatus',
  'StatsContextCall',
  'StatsField',
  'StatsHistoryParams',
  'StatsParty',
  'StatsPollOptions',
  'StatsReadyEvent',
  'StatsReadyPayload',
  'StatsResource',
  'StatsRow',
  'StatsTime',
  'StatsWindow',
  'SummaryEvent',
  'SummaryEventPayload',
  'TrackedCall',
  'TrackedLeg',
  'TrackedRecording',
  'TranscribeTask',
  'TransferKind',
  'TransferParams',
  'Transport',
  'TransportRequest',
  'TransportResponse',
  'TrunkNumber',
  'TrunksResource',
  'UnknownEvent',
  'UploadFile',
  'User',
  'UserExtField',
  'UserNumber',
  'UserSessionEndEvent',
  'UserSessionEndPayload',
  'UserStatusChangedEvent',
  'UserStatusChangedPayload',
  'UsersListParams',
  'UsersListResponse',
  'UsersResource',
  'WebhookHandler',
  'WebhookHandlerOptions',
  'WebhookRejection',
  'WebhookRejectionReason',
  'WebhookSubscriptions',
];

const PROTOCOL_VALUES = [
  'COMMAND_NAMES',
  'COMMAND_SPECS',
  'DEFAULT_RATE',
  'DEFAULT_STATS_FIELDS',
  'DISCONNECT_REASONS',
  'EVENT_NAMES',
  'FORMATS',
  'METHOD_PATHS',
  'LANGUAGES',
  'METHOD_RATES',
  'METHOD_SPECS',
  'MalformedFormError',
  'MultipartError',
  'PHONE_NUMBER_FIELDS',
  'PHONE_NUMBER_STATS_FIELDS',
  'REDACTED_SIGN_PREFIX',
  'RESULT',
  'RESULT_CODES',
  'SCHEDULE_ITEM_TYPES',
  'SHARED_RATE_BUCKETS',
  'SMS_MAX_SEGMENTS',
  'SMS_SEGMENT_SIZE',
  'STATS_FIELDS',
  'StatsCsvParser',
  'canonicalNotificationPath',
  'checkCommand',
  'checkMethod',
  'checkParams',
  'createEnvelope',
  'describeDisconnectReason',
  'describeResultCode',
  'encodeEnvelope',
  'eventFromJson',
  'formKind',
  'isNotificationPath',
  'isSuccessCode',
  'methodPathOf',
  'languageFromEnv',
  'multipartBoundary',
  'normalisePath',
  'notificationIdentity',
  'parseEnvelopeForm',
  'parseLang',
  'parseMultipart',
  'parseMultipartParts',
  'parseStatsCsv',
  'parseStatsStream',
  'parseUrlencoded',
  'readRequestBody',
  'redactSign',
  'requestPathOf',
  'resultCodeClass',
  'signJson',
  'signNotification',
  'signRecordingLink',
  'signaturesEqual',
  'smsTextSize',
  'vendorRateFor',
];

const PROTOCOL_TYPES = [
  'ApiCredentials',
  'CommandInput',
  'CommandName',
  'CommandParams',
  'CommandPath',
  'EnvelopeFields',
  'FormKind',
  'FormParseOptions',
  'FormatName',
  'ItemSpec',
  'Language',
  'Loose',
  'MethodInput',
  'MethodParams',
  'MethodPath',
  'MethodSpec',
  'MultipartPart',
  'ParamCheck',
  'ParamRule',
  'ParamSpec',
  'ParamTable',
  'ParamsOf',
  'Rate',
  'RateTable',
  'ReceivedForm',
  'Requiredness',
  'ResultCodeConstants',
  'ResultCodeName',
  'ResultCodeRow',
  'ScheduleItemType',
  'SignedEnvelope',
  'SmsTextSize',
  'ValueFormat',
];

// mangokit/web is mangokit without what needs Node (test/package/neutral.test.ts proves it).
const NODE_ONLY_VALUES = [
  'createNodeListener',
  'createNodeTransport',
  'toExpressMiddleware',
  'toFastifyPlugin',
  'toNodeListener',
];
const NODE_ONLY_TYPES = ['NodeListener', 'NodeTransportOptions', 'NodeWebhookListener'];
const WEB_VALUES = MANGOKIT_VALUES.filter((name) => !NODE_ONLY_VALUES.includes(name));
const WEB_TYPES = MANGOKIT_TYPES.filter((name) => !NODE_ONLY_TYPES.includes(name));

const root = new URL('../../../../', import.meta.url).pathname;
const sdkSrc = join(root, 'packages/sdk/src');

/** Every name an entry file exports, values and types, as the TypeScript checker sees it. */
function exportedNames(entries: readonly string[]): Map<string, string[]> {
  const program = ts.createProgram(
    entries.map((e) => join(sdkSrc, e)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();
  const out = new Map<string, string[]>();
  for (const entry of entries) {
    const file = program.getSourceFile(join(sdkSrc, entry));
    assert.ok(file, `${entry} is part of the program`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    assert.ok(moduleSymbol, `${entry} is a module`);
    out.set(
      entry,
      checker
        .getExportsOfModule(moduleSymbol)
        .map((s) => s.name)
        .sort(),
    );
  }
  return out;
}

function sorted(names: readonly string[]): string[] {
  return [...names].sort();
}

describe('public surface of the SDK', () => {
  const names = exportedNames(['index.ts', 'protocol.ts', 'web.ts']);

  for (const [entry, specifier, values, types] of [
    ['index.ts', 'mangokit', MANGOKIT_VALUES, MANGOKIT_TYPES],
    ['protocol.ts', 'mangokit/protocol', PROTOCOL_VALUES, PROTOCOL_TYPES],
    ['web.ts', 'mangokit/web', WEB_VALUES, WEB_TYPES],
  ] as const) {
    it(`${specifier} exports exactly the pinned values and types`, async (t) => {
      const runtime = Object.keys(await import(specifier)).sort();
      const typeOnly = (names.get(entry) ?? []).filter((n) => !runtime.includes(n));
      t.diagnostic(`${specifier}: ${runtime.length} values, ${typeOnly.length} types`);
      t.diagnostic(`values: ${runtime.join(' ')}`);
      t.diagnostic(`types: ${typeOnly.join(' ')}`);
      assert.deepEqual(runtime, sorted(values), `values of ${specifier}`);
      assert.deepEqual(typeOnly, sorted(types), `types of ${specifier}`);
    });
  }

  it('mangokit stays an integrator surface of a few dozen values', () => {
    assert.ok(MANGOKIT_VALUES.length <= 40, `${MANGOKIT_VALUES.length} values`);
  });

  it('no code outside the SDK reaches into its source files', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (
          /\.(m?[jt]sx?)$/.test(name) &&
          /['"][^'"]*sdk\/src\/[^'"]*['"]/.test(readFileSync(full, 'utf8'))
        )
          offenders.push(relative(root, full));
      }
    };
    for (const dir of ['packages/sandbox', 'packages/gateway', 'packages/cli', 'bench', 'test', 'examples'])
      walk(join(root, dir));
    assert.deepEqual(offenders, []);
  });
});
