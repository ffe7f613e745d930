import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';

/**
 * Parameters of address-book methods. The reference lists the paths only (§3.8): their rows of
 * `METHOD_SPECS` are open, so parameters pass through as given, in the vendor's names.
 */
export type AddressBookParams = MethodInput<'ab/organization'>;

/** An address-book answer: result plus the vendor's fields. */
export type AddressBookResponse = ResultResponse & Record<string, unknown>;

/**
 * The address book (reference §3.8): organisations, groups and contacts, with cursor listing
 * (`…Init` opens a cursor, `…Cursor` reads the next page). Reads 50/s, writes 10/s (§1.3).
 */
export class AddressBookResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Reads one organisation. */
  organization(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/organization', params, options);
  }
  /** Opens an organisation cursor. */
  organizationsInit(params: AddressBookParams = {}, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/organizations/init', params, options);
  }
  /** Next page of organisations. */
  organizationsCursor(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/organizations/cursor', params, options);
  }
  /** Creates organisations. */
  organizationsCreate(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/organizations/create', params, options);
  }
  /** Updates organisations. */
  organizationsUpdate(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/organizations/update', params, options);
  }
  /** Deletes organisations. */
  organizationsDelete(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/organizations/delete', params, options);
  }
  /** Reads one group. */
  group(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/group', params, options);
  }
  /** Opens a group cursor. */
  groupsInit(params: AddressBookParams = {}, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/groups/init', params, options);
  }
  /** Next page of groups. */
  groupsCursor(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/groups/cursor', params, options);
  }
  /** Creates groups (the vendor path has a trailing slash). */
  groupsCreate(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/groups/create/', params, options);
  }
  /** Updates groups. */
  groupsUpdate(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/groups/update', params, options);
  }
  /** Deletes groups. */
  groupsDelete(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/groups/delete', params, options);
  }
  /** Reads one contact. */
  contact(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/contact', params, options);
  }
  /** Opens a contact cursor. */
  contactInit(params: AddressBookParams = {}, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/contact/init', params, options);
  }
  /** Next page of contacts. */
  contactCursor(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/contact/cursor', params, options);
  }
  /** Creates contacts (trailing slash as in the vendor path; > 500 contacts → 3503). */
  contactsCreate(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/contacts/create/', params, options);
  }
  /** Updates contacts. */
  contactsUpdate(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/contacts/update', params, options);
  }
  /** Deletes contacts. */
  contactsDelete(params: AddressBookParams, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/contacts/delete', params, options);
  }
  /** Custom contact fields. */
  customFields(params: AddressBookParams = {}, options?: RequestOptions): Promise<AddressBookResponse> {
    return this.p.call('ab/custom_fields/', params, options);
  }
}
