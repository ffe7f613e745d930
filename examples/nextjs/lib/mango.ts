/**
 * The app's MANGO OFFICE receiver: verifies and parses notifications, feeds a CallTracker.
 * Configured from MANGO_API_KEY and MANGO_API_SALT.
 */
import { CallTracker, createWebhookHandler, MANGO_NOTIFICATION_IPS } from 'mangokit';

/** Calls folded from the notifications, for the rest of the app. */
export const tracker = new CallTracker();

/** The web-standard receiver behind the route. */
export const handler = createWebhookHandler({
  // apiKey and apiSalt come from MANGO_API_KEY and MANGO_API_SALT.
  basePath: '/mango',
  // Behind Vercel or another proxy the peer address is the proxy's: read X-Forwarded-For.
  allowIps: process.env.MANGO_ALLOW_ANY_IP ? undefined : MANGO_NOTIFICATION_IPS,
  trustProxy: true,
  // Serverless functions may be frozen once the response is sent: finish the work first.
  awaitHandlers: true,
  // Notifications are a few kilobytes at most.
  maxBodyBytes: 64 * 1024,
})
  .on('call', (event) => {
    tracker.apply(event);
  })
  .on('summary', (event) => {
    tracker.apply(event);
  })
  .on('record.added', (event) => {
    tracker.apply(event);
  });

tracker.on('ringing', ({ caller, employee }) => {
  console.log(`card pop: ${caller ?? 'unknown caller'} is ringing ${employee ?? 'an employee'}`);
});
tracker.on('completed', ({ call, outcome, durations }) => {
  console.log(`call ${call.entry_id} ${outcome}, talked ${durations.talk}s`);
});
