import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { RecordingFiles } from './recordingFiles.js';

/** `recordings.save` on the Node file system: a write stream fed with backpressure, rename, remove. */
export const nodeRecordingFiles: RecordingFiles = {
  async size(path) {
    try {
      return (await stat(path)).size;
    } catch {
      return 0;
    }
  },
  write(chunks, path, append, signal) {
    return pipeline(chunks, createWriteStream(path, { flags: append ? 'a' : 'w' }), signal ? { signal } : {});
  },
  rename(from, to) {
    return rename(from, to);
  },
  remove(path) {
    return rm(path, { force: true });
  },
};
