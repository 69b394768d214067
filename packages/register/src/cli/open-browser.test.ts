import { EventEmitter } from 'node:events';
import { spawn as realSpawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { browserCommand, browserDisabled, openBrowser } from './open-browser.js';

function fakeSpawn(event: 'spawn' | 'error', calls: Array<[string, readonly string[]]>) {
  return (command: string, args: readonly string[]) => {
    calls.push([command, args]);
    const child = new EventEmitter() as ChildProcess;
    child.unref = () => child;
    setImmediate(() =>
      event === 'spawn' ? child.emit('spawn') : child.emit('error', new Error('ENOENT')),
    );
    return child;
  };
}

describe('browserCommand', () => {
  it('uses explorer.exe on Windows, open on macOS, xdg-open elsewhere', () => {
    const url = 'http://127.0.0.1:8181/';
    expect(browserCommand(url, 'win32')).toEqual({ command: 'explorer.exe', args: [url] });
    expect(browserCommand(url, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
  });

  it('passes & in a query as one argument (no cmd.exe)', () => {
    const url = 'http://127.0.0.1:8181/?a=1&b=2';
    expect(browserCommand(url, 'win32')?.args).toEqual([url]);
  });

  it('refuses anything but http(s)', () => {
    expect(browserCommand('file:///C:/Windows/system32/calc.exe', 'win32')).toBeNull();
    expect(browserCommand('not a url', 'linux')).toBeNull();
  });
});

describe('openBrowser', () => {
  it('is off with KASSA_NO_BROWSER=1', async () => {
    expect(browserDisabled({ KASSA_NO_BROWSER: '1' })).toBe(true);
    expect(browserDisabled({})).toBe(false);
    const calls: Array<[string, readonly string[]]> = [];
    const outcome = await openBrowser('http://127.0.0.1:8181/', {
      env: { KASSA_NO_BROWSER: '1' },
      spawn: fakeSpawn('spawn', calls),
    });
    expect(outcome).toEqual({ opened: false, reason: 'disabled' });
    expect(calls).toEqual([]);
  });

  it('reports opened or failed, never throws', async () => {
    const calls: Array<[string, readonly string[]]> = [];
    expect(
      await openBrowser('http://127.0.0.1:8181/', {
        env: {},
        platform: 'win32',
        spawn: fakeSpawn('spawn', calls),
      }),
    ).toEqual({ opened: true, command: 'explorer.exe' });
    expect(calls).toEqual([['explorer.exe', ['http://127.0.0.1:8181/']]]);
    const failed = await openBrowser('http://127.0.0.1:8181/', {
      env: {},
      platform: 'linux',
      spawn: fakeSpawn('error', calls),
    });
    expect(failed).toMatchObject({ opened: false, reason: 'failed' });
    const thrown = await openBrowser('http://127.0.0.1:8181/', {
      env: {},
      spawn: () => {
        throw new Error('EPERM');
      },
    });
    expect(thrown).toEqual({ opened: false, reason: 'failed', detail: 'EPERM' });
  });

  it('a real missing opener is a failure, not an exception', async () => {
    const outcome = await openBrowser('http://127.0.0.1:8181/', {
      env: { PATH: '/nonexistent' },
      platform: 'linux',
      spawn: (_command, args, options) => realSpawn('kassa-no-such-opener', [...args], options),
    });
    expect(outcome).toMatchObject({ opened: false, reason: 'failed' });
  });
});
