// Filled in by the client area; re-exported by the package index.
export {};
