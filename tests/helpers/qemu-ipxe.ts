import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const QEMU = 'qemu-system-x86_64';
// Debian ipxe-qemu: one ROM with both the legacy PXE and the UEFI driver images.
const NIC_ROM = '/usr/lib/ipxe/qemu/efi-e1000.rom';
const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const OVMF_VARS = '/usr/share/OVMF/OVMF_VARS_4M.fd';

export type Firmware = 'bios' | 'uefi';

/** Why real-iPXE tests cannot run here, or null when they can. */
export function qemuUnavailable(firmware: Firmware): string | null {
  if (spawnSync(QEMU, ['--version']).status !== 0) return `${QEMU} is not installed (scripts/ensure-system-packages.sh installs it)`;
  if (spawnSync('socat', ['-V']).status !== 0) return 'socat is not installed';
  if (!existsSync(NIC_ROM)) return `${NIC_ROM} is missing (Debian package ipxe-qemu)`;
  if (firmware === 'uefi' && !(existsSync(OVMF_CODE) && existsSync(OVMF_VARS))) return `${OVMF_CODE} is missing (Debian package ovmf)`;
  return null;
}

export interface IpxeRun {
  console: string;
  finished: boolean;
}

/**
 * Boots a VM whose only network is QEMU user-mode NAT with `restrict=on`: DHCP hands iPXE the
 * chain URL as boot file, and 10.0.2.100:80 is forwarded to the app on loopback, so the guest can
 * reach the orchestrator and nothing else. Resolves when `done(console)` is true or on timeout;
 * the VM (and its socat helpers) is always killed.
 */
export function bootIpxe(opts: { firmware: Firmware; chainUrl: string; appPort: number; done: (console: string) => boolean; timeoutMs: number }): Promise<IpxeRun> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'nvo-qemu-'));
  const args = [
    '-nographic', '-no-reboot', '-m', '256', '-machine', 'accel=tcg',
    '-netdev', `user,id=n0,restrict=on,bootfile=${opts.chainUrl.replaceAll(',', ',,')},guestfwd=tcp:10.0.2.100:80-cmd:socat - TCP:127.0.0.1:${opts.appPort}`,
    '-device', `e1000,netdev=n0,romfile=${NIC_ROM},bootindex=1`,
  ];
  if (opts.firmware === 'uefi') {
    copyFileSync(OVMF_VARS, path.join(tmp, 'vars.fd'));
    args.push('-drive', `if=pflash,format=raw,readonly=on,file=${OVMF_CODE}`, '-drive', `if=pflash,format=raw,file=${path.join(tmp, 'vars.fd')}`);
  }
  const vm = spawn(QEMU, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise<IpxeRun>((resolve) => {
    let settled = false;
    const finish = (finished: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        process.kill(-vm.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(tmp, { recursive: true, force: true });
      // iPXE draws with ANSI escapes; tests read plain text.
      resolve({ console: output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''), finished });
    };
    const timer = setTimeout(() => finish(false), opts.timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('latin1');
      if (opts.done(output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''))) finish(true);
    };
    vm.stdout.on('data', onData);
    vm.stderr.on('data', onData);
    vm.on('exit', () => finish(false));
  });
}

/**
 * A real EFI executable for UEFI boot tests: iPXE's EFI build refuses to select a kernel that
 * UEFI cannot load, so random bytes will not do. The UEFI driver image inside the NIC option ROM
 * (PCI ROM image with code type 3, stored uncompressed by Debian) is one, and needs no download.
 */
export function efiImageFromOptionRom(): Buffer {
  const rom = readFileSync(NIC_ROM);
  let offset = 0;
  while (offset < rom.length && rom.readUInt16LE(offset) === 0xaa55) {
    const pcir = offset + rom.readUInt16LE(offset + 0x18);
    const length = rom.readUInt16LE(pcir + 0x10) * 512;
    const compressed = rom.readUInt16LE(offset + 0x0c) !== 0;
    if (rom[pcir + 0x14] === 3 && !compressed) return rom.subarray(offset + rom.readUInt16LE(offset + 0x16), offset + length);
    if (rom[pcir + 0x15] & 0x80) break;
    offset += length;
  }
  throw new Error(`${NIC_ROM} holds no uncompressed EFI image`);
}
