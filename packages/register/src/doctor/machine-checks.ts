/**
 * `kassa doctor`'s checks of this PC's own parts: the local port `kassa start` listens on and the
 * receipt printer of settings.json.
 */
import { stat } from 'node:fs/promises';
import { Socket, createServer } from 'node:net';
import { type PrinterAddress, parsePrinterAddress } from '../printer/printers.js';
import type { DoctorLine } from './doctor-line.js';

/** The port `kassa start` listens on: KASSA_PORT, else 8181. */
export function localPort(env: NodeJS.ProcessEnv): number {
  const port = Number(env.KASSA_PORT ?? '8181');
  return Number.isInteger(port) && port > 0 && port <= 65_535 ? port : 8181;
}

/**
 * Whether `kassa start` can listen on 127.0.0.1:`port`. The POS listens on 127.0.0.1 only, so
 * Windows Firewall never blocks it and no firewall rule is needed; what can go wrong is another
 * program (or a second `kassa start`) already on the port.
 */
export function checkLocalPort(port: number): Promise<DoctorLine> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        resolve({
          check: 'Lokal port',
          ok: false,
          code: 'local-port-in-use',
          text: `ett annat program använder port ${port} på 127.0.0.1 (eller körs kassa start redan)`,
          en: `another program is using port ${port} on 127.0.0.1 (or kassa start is already running)`,
          fix: `Stäng det andra programmet, eller välj en annan port: kassa start --port 8182 (eller miljövariabeln KASSA_PORT).`,
        });
      } else {
        resolve({
          check: 'Lokal port',
          ok: false,
          code: 'local-port-failed',
          text: `port ${port} kunde inte öppnas (${error.code ?? error.message})`,
          en: `port ${port} could not be opened (${error.code ?? error.message})`,
          fix: 'Starta om datorn och kör kassa doctor igen.',
        });
      }
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      server.close(() =>
        resolve({
          check: 'Lokal port',
          ok: true,
          code: 'local-port-free',
          text: `port ${port} på 127.0.0.1 är ledig (bara den här datorn når den, så brandväggen behöver ingen regel)`,
          en: `port ${port} on 127.0.0.1 is free (only this PC reaches it, so the firewall needs no rule)`,
        }),
      );
    });
  });
}

/** Whether a network printer takes a TCP connection (nothing is sent, so nothing prints). */
function reachable(host: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (problem: string | null): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(() => done('svarar inte'), timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.connect(port, host, () => done(null));
  });
}

/**
 * The receipt printer of settings.json, checked without printing: a network printer must take a
 * connection, a device or file must exist; a Windows share or port only works on Windows (where
 * only printing shows whether the share answers).
 */
export async function checkPrinter(
  printer: string,
  platform: NodeJS.Platform = process.platform,
  timeoutMs = 3000,
): Promise<DoctorLine> {
  const check = 'Kvittoskrivare';
  if (printer === 'none') {
    return { check, ok: true, text: 'ingen – kvittona blir elektroniska' };
  }
  const parsed = parsePrinterAddress(printer);
  if (!parsed.ok) {
    return {
      check,
      ok: false,
      code: 'printer-invalid-address',
      text: `adressen "${printer}" känns inte igen`,
      en: `the address "${printer}" is not recognised`,
      fix: 'Ange skrivaren under Inställningar i kassan: 192.168.1.50:9100, \\\\DATORN\\Kvittoskrivare, LPT1 eller /dev/usb/lp0.',
    };
  }
  const address: PrinterAddress = parsed.value;
  if (address.kind === 'tcp') {
    const where = `${address.host}:${address.port}`;
    const problem = await reachable(address.host, address.port, timeoutMs);
    return problem === null
      ? { check, ok: true, text: `${where} svarar` }
      : {
          check,
          ok: false,
          code: 'printer-unreachable',
          text: `${where} svarar inte (${problem})`,
          en: `${where} does not answer (${problem})`,
          fix: 'Kontrollera att skrivaren är på och sitter i nätverket, och att IP-adressen stämmer (skriv ut skrivarens nätverkslapp).',
        };
  }
  if (address.kind === 'share' || address.kind === 'port') {
    return platform === 'win32'
      ? { check, ok: true, text: `${address.path} (kontrolleras när ett kvitto skrivs ut)` }
      : {
          check,
          ok: false,
          code: 'printer-windows-only',
          text: `${address.path} är en Windows-delning eller -port, men kassan körs inte i Windows`,
          en: `${address.path} is a Windows share or port, but the register does not run on Windows`,
          fix: 'Ange en nätverksskrivare (192.168.1.50:9100) eller en enhet som /dev/usb/lp0 under Inställningar.',
        };
  }
  try {
    await stat(address.path);
    return { check, ok: true, text: `${address.path} finns` };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'okänt fel';
    return {
      check,
      ok: false,
      code: 'printer-path-not-found',
      text: `${address.path} finns inte (${reason})`,
      en: `${address.path} does not exist (${reason})`,
      fix: 'Kontrollera att skrivaren är ansluten och påslagen, och att sökvägen under Inställningar stämmer.',
    };
  }
}
