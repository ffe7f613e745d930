export type * from './office/types.js';
export type * from './engine/contract.js';
export { describeSandbox, type Sandbox, type SandboxOptions, startSandbox } from './server.js';
export { createDemoOffice } from './office/demo.js';
export type { CallArchive } from './office/archive.js';
export { OFFICE_PRESETS, type OfficePreset, officePreset } from './office/presets.js';
export { vendorExamplesOffice } from './office/vendorExamples.js';
export { loadOfficeFile, parseOffice } from './office/loader.js';
export { validateOffice } from './office/validate.js';
export { OfficeValidationError, type OfficeIssue } from './office/errors.js';
export { VirtualClock, type ClockMode, type ClockOptions } from './engine/clock.js';
export { CallEngine, type EngineOptions } from './engine/engine.js';
export type { LiveCall, LiveLeg } from './engine/views.js';
export {
  WebhookDispatcher,
  type Delivery,
  type DeliveryAttempt,
  type DispatcherOptions,
} from './webhooks/dispatcher.js';
export { FaultStore, type FaultRule } from './control/faults.js';
