// Filled in by the webhooks area; re-exported by the package index.
export {};
