/**
 * Choosing the terminal this PC becomes, from the list POST /api/register/terminals gives. Pure.
 * Unbound active terminals can be chosen; a terminal bound to a PC with this PC's name can too
 * (the same PC reinstalled: the server decides by the hardware fingerprint); others are shown
 * with the PC they are bound to.
 */
import { SHOP_TIME_ZONE } from '@kassa/core';
import type { TerminalChoice } from '../net/server-api.js';

export type ChoiceState = 'free' | 'this-pc' | 'bound-elsewhere' | 'inactive';

export function choiceState(terminal: TerminalChoice, thisPcName: string): ChoiceState {
  if (!terminal.active) return 'inactive';
  if (terminal.binding === null) return 'free';
  return terminal.binding.pcName.toLowerCase() === thisPcName.toLowerCase()
    ? 'this-pc'
    : 'bound-elsewhere';
}

export function isSelectable(terminal: TerminalChoice, thisPcName: string): boolean {
  const state = choiceState(terminal, thisPcName);
  return state === 'free' || state === 'this-pc';
}

/** A date-time as people in Sweden read it, e.g. 2026-11-25 10:00 (Europe/Stockholm). */
export function formatSwedishDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: SHOP_TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date);
}

/** One line per terminal for the interactive list. */
export function describeTerminal(terminal: TerminalChoice, thisPcName: string): string {
  const base = `${terminal.registerId} – ${terminal.name} (${terminal.placeOfBusinessName})`;
  switch (choiceState(terminal, thisPcName)) {
    case 'free':
      return `${base}: inte ansluten till någon hårdvara`;
    case 'this-pc':
      return `${base}: kopplad till den här datorn (${terminal.binding?.pcName ?? ''}) – kan anslutas igen`;
    case 'bound-elsewhere':
      return `${base}: kopplad till datorn ${terminal.binding?.pcName ?? ''} sedan ${formatSwedishDateTime(terminal.binding?.boundAt ?? '')} – kan inte väljas`;
    case 'inactive':
      return `${base}: inaktiverad – kan inte väljas`;
  }
}

/** The choosable terminals as a short list for messages, e.g. "K1 (Kassa 1), K2 (Bar)". */
export function describeChoices(terminals: TerminalChoice[], thisPcName: string): string {
  const free = terminals.filter((t) => isSelectable(t, thisPcName));
  return free.length === 0 ? '(inga)' : free.map((t) => `${t.registerId} (${t.name})`).join(', ');
}

/** The terminal named by id or kassabeteckning (case-insensitive), or null. */
export function findTerminal(terminals: TerminalChoice[], wanted: string): TerminalChoice | null {
  const w = wanted.trim().toLowerCase();
  return (
    terminals.find((t) => t.id.toLowerCase() === w) ??
    terminals.find((t) => t.registerId.toLowerCase() === w) ??
    null
  );
}
