// The composition root and the only place that decides exit codes.
export async function main(argv: readonly string[]): Promise<number> {
  const { runCli } = await import('./run-cli.js');
  return runCli(argv);
}
