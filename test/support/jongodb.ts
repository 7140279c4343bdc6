/**
 * Starts the jongodb test engine (MongoDB wire protocol, in memory) for one test run.
 * It lacks `create` and `$text` and slows down past ~1000 documents: fine for contract tests,
 * not for load. It announces itself with one stdout line: `JONGODB_URI=mongodb://127.0.0.1:<port>/test`.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestMongo {
  uri: string;
  stop(): Promise<void>;
}

function binaryPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@jongodb/memory-server-bin-linux-x64-gnu/package.json');
  return join(dirname(pkg), 'bin', 'jongodb');
}

export async function startJongodb(timeoutMs = 10_000): Promise<TestMongo> {
  const child = spawn(binaryPath(), ['--port=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  // A test run that dies without calling stop() must not leave the engine running.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);

  try {
    const uri = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`jongodb printed no JONGODB_URI within ${timeoutMs} ms. stderr: ${stderr}`)), timeoutMs);
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const match = /^JONGODB_URI=(\S+)/.exec(line.trim());
        if (!match?.[1]) return;
        clearTimeout(timer);
        lines.close();
        child.stdout.resume(); // keep draining so the engine never blocks on a full pipe
        resolve(match[1]);
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot start jongodb (${binaryPath()}): ${error.message}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`jongodb exited before it was ready (code ${code}, signal ${signal}). stderr: ${stderr}`));
      });
    });
    return {
      uri,
      stop: async () => {
        process.off('exit', onExit);
        await stop();
      },
    };
  } catch (error) {
    process.off('exit', onExit);
    await stop();
    throw error;
  }
}
