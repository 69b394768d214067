/**
 * What `kassa doctor` reports: one line per check, OK, FEL with what to do, or not checked, and
 * the lines as the text the command prints.
 */
export interface DoctorLine {
  check: string;
  /** true OK, false FEL, null not checked (an earlier check failed). */
  ok: boolean | null;
  text: string;
  fix?: string;
  /** A stable code for checks that have one (`local-port-in-use`, …), with English text. */
  code?: string;
  en?: string;
}

/** What `kassa doctor` checks beyond the default (`--full`: the journal's whole chain). */
export interface DoctorOptions {
  readonly full?: boolean;
  /** Progress lines of the long checks (the whole chain with `full`). */
  readonly progress?: (line: string) => void;
}

/** The lines as text: `OK  check: text` / `FEL check: text` + `    Åtgärd: …`. */
export function formatDoctor(lines: DoctorLine[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const mark = line.ok === true ? 'OK ' : line.ok === false ? 'FEL' : ' – ';
    out.push(`${mark} ${line.check}: ${line.text}`);
    if (line.ok === false && line.fix) out.push(`    Åtgärd: ${line.fix}`);
  }
  const failures = lines.filter((l) => l.ok === false).length;
  out.push(
    '',
    failures === 0 ? 'Allt ser bra ut.' : `${failures} problem hittades – se Åtgärd ovan.`,
  );
  return out;
}
