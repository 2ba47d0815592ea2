// Types of bundleForNode.mjs for the TypeScript that calls it (bench/stats500.ts).
export function bundleForNode(options: {
  entry: string;
  outfile: string;
  sourcemap?: boolean;
}): Promise<void>;
