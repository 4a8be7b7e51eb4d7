/**
 * Just enough iPXE script understanding for a virtual node: which script to chain to, which
 * kernel and initrd to load, with `${net0/...}` variables expanded as iPXE would.
 */
export interface ParsedIpxeScript {
  isIpxe: boolean;
  chain?: string;
  kernel?: { url: string; args: string[] };
  initrd?: string;
  /** `exit`/`sanboot`: boot the local disk instead of installing. */
  bootsLocalDisk: boolean;
}

export interface IpxeVariables {
  ip: string;
  mac: string;
  hostname?: string;
}

/**
 * Expands `${name}` (and iPXE's typed `${name:type}`) from `vars`; unknown settings expand to
 * the empty string, as in iPXE.
 */
export function expandVariables(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{([^}:]+)(?::[a-z0-9]+)?\}/g, (_, name: string) => vars[name] ?? '');
}

function builtins(vars: IpxeVariables): Record<string, string> {
  return {
    'net0/ip': vars.ip,
    ip: vars.ip,
    'net0/mac': vars.mac,
    mac: vars.mac,
    hostname: vars.hostname ?? '',
    platform: 'pcbios',
  };
}

/** Absolute URL of a command argument (iPXE resolves relative URIs against the script's). */
function resolve(arg: string, base: string): string {
  try {
    return new URL(arg, base).toString();
  } catch {
    return arg;
  }
}

export function parseIpxeScript(text: string, scriptUrl: string, vars: IpxeVariables): ParsedIpxeScript {
  const settings = builtins(vars);
  const rawLines = text.split(/\r?\n/).map((l) => l.trim());
  const result: ParsedIpxeScript = { isIpxe: rawLines[0]?.startsWith('#!ipxe') ?? false, bootsLocalDisk: false };
  for (const raw of rawLines) {
    if (!raw || raw.startsWith('#') || raw.startsWith(':')) continue;
    // Settings apply to the lines after them, as iPXE executes the script top to bottom.
    const line = expandVariables(raw, settings);
    const set = line.match(/^set\s+(?:--\S+\s+)*([^\s:]+)(?::[a-z0-9]+)?\s*(.*)$/);
    if (set) {
      settings[set[1]] = set[2];
      continue;
    }
    // Only the first command of `a && b || c`; drop option flags such as `--name foo`.
    const words = line.split(/\s+(?:&&|\|\|)(?:\s|$)/)[0].trim().split(/\s+/).filter((w, i, all) => !w.startsWith('--') && all[i - 1] !== '--name');
    const [command, ...rest] = words;
    if ((command === 'chain' || command === 'chainload') && rest[0] && !result.chain) result.chain = resolve(rest[0], scriptUrl);
    else if (command === 'kernel' && rest[0] && !result.kernel) {
      result.kernel = { url: resolve(rest[0], scriptUrl), args: rest.slice(1) };
    } else if (command === 'initrd' && rest[0] && !result.initrd) result.initrd = resolve(rest[0], scriptUrl);
    else if (command === 'sanboot' || command === 'exit') result.bootsLocalDisk ||= !result.kernel;
  }
  return result;
}

/** `config_server=<url>` from the kernel command line, if present (docs/reference/ibmcloud-api.md §7.2). */
export function kernelArg(args: string[], key: string): string | undefined {
  const hit = args.find((a) => a.startsWith(`${key}=`));
  return hit?.slice(key.length + 1);
}
