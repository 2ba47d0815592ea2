#!/usr/bin/env node
/**
 * `npm start`: the Electron window when Electron can run here, else the browser shell (which
 * prints its URL). Arguments after `--` go to the shell; `--browser` asks for the browser shell.
 * Building installers is separate: `npm run dist` (electron-vite build, then `npx electron-builder`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { chooseShell, isBuildStale, probeElectron, shouldDownloadElectron } from './startShell.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const shellArgs = args.filter((arg) => arg !== '--browser');

/** Runs a child to its end with our stdio and signals; resolves with its exit code. */
function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  // A Ctrl-C reaches the child from the terminal too; a `kill` of this process only reaches us.
  const forward = (signal) => child.kill(signal);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`Could not start ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

/** A package's bin script run by this Node (no npx, no shell: the same on Windows). */
function binOf(pkg, bin) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bins = require(manifest).bin;
  return join(dirname(manifest), typeof bins === 'string' ? bins : bins[bin]);
}

/** The line of a Node stack trace that says what went wrong ("Error: ..."). */
function firstErrorLine(text) {
  const lines = (text ?? '').split('\n').map((line) => line.trim());
  return lines.find((line) => /^[A-Za-z]*Error\b/.test(line)) ?? lines.find(Boolean);
}

async function main() {
  const facts = {
    electron: probeElectron(root),
    platform: process.platform,
    env: process.env,
    nodeVersion: process.version,
    forceBrowser,
  };
  if (shouldDownloadElectron(facts)) {
    // electron's own installer, which npm 11 did not run; a failure is reported by chooseShell.
    const installer = join(root, 'node_modules', 'electron', 'install.js');
    const result = spawnSync(process.execPath, [installer], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 600_000,
    });
    facts.electron = probeElectron(root);
    facts.downloadError = firstErrorLine(result.stderr) ?? result.error?.message;
  }
  const choice = chooseShell(facts);

  if (choice.shell === 'browser') {
    process.stdout.write(`${choice.why}\n`);
    return run(process.execPath, [join(root, 'scripts', 'web.mjs'), ...shellArgs]);
  }

  if (isBuildStale(root)) {
    const built = await run(process.execPath, [binOf('electron-vite', 'electron-vite'), 'build']);
    if (built !== 0) return built;
  }
  // With ELECTRON_RUN_AS_NODE set (some IDE terminals do), Electron would start as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return run(choice.binary, ['.', ...shellArgs], env);
}

process.exitCode = await main();
