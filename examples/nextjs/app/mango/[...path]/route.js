/**
 * Next.js App Router route handler receiving MANGO OFFICE notifications. Set the integration's
 * base URL in the personal cabinet to `https://<your-app>/mango/`; the PBX then posts to
 * `/mango/events/call`, `/mango/events/summary`, `/mango/result/callback`, … (reference §1.1).
 * The route is plain JavaScript glue; the typed receiver lives in `lib/mango.ts`.
 */
import { handler } from '../../../lib/mango';

/** Always run on request: the handler reads the body and headers of each notification. */
export const dynamic = 'force-dynamic';

// Every method goes to the handler: it answers 405 to anything but POST.
/** @param {Request} request */
export const POST = (request) => handler(request);
export const GET = POST;
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
