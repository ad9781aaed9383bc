/** Starts the course's JupyterLab the way `npm start` does, for tests that talk to it. */
import { spawn } from "node:child_process";
import { ROOT } from "../kernel-setup/course";

export interface CourseServer {
  /** e.g. http://127.0.0.1:8899/lab?token=... as printed by `npm start` */
  url: string;
  /** The server's address for a path such as "api/kernelspecs" or "lab/tree/05-derivatives.ipynb". */
  at(path: string): string;
  stop(): void;
}

/** `notebooks` serves another folder than the course's own (see kernel-setup/start.ts). */
export async function startCourseServer(port: number, notebooks?: string): Promise<CourseServer> {
  const server = spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ...(notebooks ? { COURSE_NOTEBOOKS: notebooks } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, name);
    } catch {
      // already gone
    }
  };
  // SIGTERM lets Jupyter shut its kernels down; SIGKILL if it has not gone in 10 s. The
  // test process does not wait for the server's pipes either way.
  const stop = () => {
    signal("SIGTERM");
    setTimeout(() => signal("SIGKILL"), 10_000).unref();
    server.stdout.destroy();
    server.stderr.destroy();
    server.unref();
  };
  let output = "";
  server.stderr.on("data", (chunk) => (output += chunk));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 60 s:\n${output}`)), 60_000);
      server.on("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
      server.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /http:\/\/127\.0\.0\.1:\d+\/lab\?token=[0-9a-f]+/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
    });
    const base = url.replace(/\/lab\?token=.*/, "");
    const token = url.replace(/.*token=/, "");
    const at = (path: string) => `${base}/${path}?token=${token}`;
    await answering(at("api/status"), () => output);
    return { url, at, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * Waits until `url` answers, so that a test's first request does not hang on the moment
 * Jupyter logs its URL. Fails after 30 s with the last error's cause and the server's output.
 */
async function answering(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last: unknown = "no answer yet";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error & { cause?: unknown }).cause ?? error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the course server does not answer at ${url}: ${last}\n${output()}`);
}
