/**
 * `npm start`: serves JupyterLab on localhost for the notebooks folder and prints the URL.
 * COURSE_NOTEBOOKS serves another folder (the browser test uses a scratch copy, so that
 * JupyterLab's autosave never writes outputs into the committed notebooks).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { NOTEBOOKS, venvBin } from "./course";

const port = process.env.PORT ?? "8888";
const token = randomBytes(24).toString("hex");
const args = [
  "lab",
  "--no-browser",
  "--ip=127.0.0.1",
  `--port=${port}`,
  `--ServerApp.root_dir=${process.env.COURSE_NOTEBOOKS ?? NOTEBOOKS}`,
  `--IdentityProvider.token=${token}`,
  "--ServerApp.port_retries=20",
  "--MultiKernelManager.default_kernel_name=tslab",
];
// Jupyter refuses to run as root without this flag; many containers run as root.
if (process.getuid?.() === 0) args.push("--allow-root");

const lab = spawn(venvBin("jupyter"), args, { stdio: ["inherit", "inherit", "pipe"] });
let announced = false;
lab.stderr.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  // Jupyter masks the token in its log, and the port moves if 8888 is taken: announce
  // the address it actually serves, with the token.
  const served = /(http:\/\/127\.0\.0\.1:\d+\/lab)/.exec(chunk.toString())?.[1];
  if (served && !announced) {
    announced = true;
    const url = `${served}?token=${token}`;
    console.log(
      `\n  The course is running. Open this URL in your browser:\n\n    ${url}\n\n  Pick the kernel "TypeScript (deep-learning course)". Stop with Ctrl+C.\n`,
    );
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => lab.kill(signal));
lab.on("exit", (code) => process.exit(code ?? 0));
