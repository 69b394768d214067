/**
 * The control-unit simulator in a process of its own, for the sale bench: a real unit is a
 * device beside the PC, so its work must not run on the register's event loop. Prints
 * `{"port": n}` once it listens; stops on SIGTERM or when its parent's stdin closes.
 */
import { startControlUnitSimulator } from '@kassa/register';

const seed = process.argv[2] ?? 'bench';
const { simulator, port } = await startControlUnitSimulator({ seed });
process.stdout.write(`${JSON.stringify({ port })}\n`);
const stop = () => {
  void simulator.stop().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
