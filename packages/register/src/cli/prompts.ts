/**
 * Questions on the terminal for `kassa connect` when flags are missing and stdin is a TTY. The
 * password is read without echo (raw mode), so it never shows on screen or in scroll-back.
 */
import { createInterface } from 'node:readline/promises';

export interface Prompter {
  ask(label: string): Promise<string>;
  askHidden(label: string): Promise<string>;
  /** Shows a line (the terminal list). */
  say(line: string): void;
}

export class PromptCancelled extends Error {
  constructor() {
    super('avbrutet / cancelled');
    this.name = 'PromptCancelled';
  }
}

/** A prompter on a TTY; null when stdin is not one (then flags are required). */
export function ttyPrompter(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
): Prompter | null {
  if (!input.isTTY) return null;
  return {
    say: (line) => output.write(`${line}\n`),
    async ask(label) {
      const rl = createInterface({ input, output, terminal: true });
      try {
        return (await rl.question(label)).trim();
      } finally {
        rl.close();
      }
    },
    askHidden(label) {
      return new Promise((resolve, reject) => {
        output.write(label);
        const wasRaw = input.isRaw;
        input.setRawMode(true);
        input.setEncoding('utf8');
        input.resume();
        let value = '';
        let escape = false;
        const finish = (error: Error | null) => {
          input.off('data', onData);
          input.setRawMode(wasRaw);
          input.pause();
          output.write('\n');
          if (error) reject(error);
          else resolve(value);
        };
        const onData = (chunk: string | Buffer) => {
          for (const ch of String(chunk)) {
            if (escape) {
              // Skip an escape sequence (arrow keys etc.) up to its final letter.
              if (/[A-Za-z~]/.test(ch)) escape = false;
              continue;
            }
            if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
            if (ch === '\u0003') return finish(new PromptCancelled());
            if (ch === '\u001b') escape = true;
            else if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
            else if (ch >= ' ') value += ch;
          }
        };
        input.on('data', onData);
      });
    },
  };
}
