/**
 * The file operations `save` needs, supplied by the entry point: `mangokit` gives the Node file
 * system's; `mangokit/web` none (there `save` throws and `download` gives the stream).
 */
export interface RecordingFiles {
  /** Size of a file in bytes; 0 when it does not exist. */
  size(path: string): Promise<number>;
  /** Writes the chunks to `path` (appending with `append`), pulling them as the disk takes them. */
  write(
    chunks: AsyncIterable<Uint8Array>,
    path: string,
    append: boolean,
    signal?: AbortSignal,
  ): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; nothing when it does not exist. */
  remove(path: string): Promise<void>;
}
