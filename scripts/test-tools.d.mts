/** A tool the tests run: the Debian package that brings it, where it is found, what needs it. */
export interface TestTool {
  deb: string;
  find(): string | undefined;
  usedBy: string;
}

/** The tools the tests run beyond `npm ci`. */
export type ToolName = 'chromium' | 'postgresql' | 'fish' | 'zsh';

export const TOOLS: Readonly<Record<ToolName, TestTool>>;
export function underCi(): boolean;
export function missingTools(): ToolName[];
export function installCommand(names: readonly ToolName[]): string;
export function toolPath(name: ToolName): string;
export function skipWithout(name: ToolName): string | false;
