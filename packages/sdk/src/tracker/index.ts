// Filled in by the tracker area; re-exported by the package index.
export {};
