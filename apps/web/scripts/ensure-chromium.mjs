// Before the browser tests: they drive Debian's chromium (Playwright's own browser downloads are not
// reachable from our machines). When it is missing, install it if we may (root with apt-get, as on CI
// and fresh containers); otherwise say exactly what to run, instead of failing inside every test.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function present() {
  try {
    accessSync(chromium, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

if (!present()) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (process.env.CHROMIUM_PATH === undefined && isRoot && hasApt) {
    console.log("The dashboard's browser tests need chromium: installing Debian's package.");
    if (!run("apt-get", ["update"]) || !run("apt-get", ["install", "-y", "chromium"]) || !present()) {
      console.error("apt-get could not install chromium; the browser tests cannot run.");
      process.exit(1);
    }
  } else {
    console.error(
      `The dashboard's browser tests need chromium at ${chromium}. Install it with ` +
        "`sudo apt-get install -y chromium`, or point CHROMIUM_PATH at a Chromium binary.",
    );
    process.exit(1);
  }
}
