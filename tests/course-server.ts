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
    return { url, at: (path) => `${base}/${path}?token=${token}`, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
