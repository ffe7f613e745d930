import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';

/**
 * Parameters of campaign methods: the reference lists the paths only (§3.8), their rows of
 * `METHOD_SPECS` are open, so parameters pass through as given.
 */
export type CampaignParams = MethodInput<'campaign'>;

/** A campaign answer: result plus the vendor's fields. */
export type CampaignResponse = ResultResponse & Record<string, unknown>;

/** Outbound campaigns and their tasks (reference §3.8; codes 5101–5114). */
export class CampaignsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Reads one campaign. */
  get(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('campaign', params, options);
  }
  /** Lists campaigns. */
  list(params: CampaignParams = {}, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('campaign/list', params, options);
  }
  /** Creates a campaign. */
  add(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('campaign/add', params, options);
  }
  /** Changes a campaign. */
  update(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('campaign/update', params, options);
  }
  /** Starts a campaign. */
  start(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('campaign/start', params, options);
  }
  /** Stops a campaign. */
  stop(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('campaign/stop', params, options);
  }
  /** Deletes a campaign. */
  delete(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('campaign/delete', params, options);
  }
  /** Tasks of a campaign (v2). */
  tasks(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('v2/campaign/tasks', params, options);
  }
  /** Pushes tasks into a campaign. */
  pushTasks(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('tasks/push', params, options);
  }
  /** Finished tasks. */
  finishedTasks(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('tasks/finished', params, options);
  }
  /** Resets tasks. */
  resetTasks(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('tasks/reset', params, options);
  }
  /** Reads one task. */
  task(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('task', params, options);
  }
  /** Creates a task. */
  addTask(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('task/add', params, options);
  }
  /** Starts a task. */
  startTask(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('task/start', params, options);
  }
  /** Stops a task. */
  stopTask(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('task/stop', params, options);
  }
  /** Deletes a task. */
  deleteTask(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('task/delete', params, options);
  }
  /** Changes a task. */
  updateTask(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('task/update', params, options);
  }
  /** Orders a campaign report. */
  createReport(params: CampaignParams, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('campaign-report/create', params, options);
  }
  /** Custom task types. */
  customTypes(params: CampaignParams = {}, options?: RequestOptions): Promise<CampaignResponse> {
    return this.p.call('custom-type/list', params, options);
  }
}
