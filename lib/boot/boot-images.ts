import { getConfig } from '@/lib/config';
import { recordBootFetch } from './fetch-record';
import { formatBytes } from './format-bytes';
import { imageResponse, type ImageTransfer } from './image-response';
import { nodeForInstall } from './installer';

/** A boot-image fetch in words an operator reads in the node timeline. */
export function describeTransfer(t: ImageTransfer): { status: 'completed' | 'failed' | 'info'; message: string } {
  if (t.httpStatus === 304) return { status: 'info', message: `${t.name} not modified (304)` };
  if (t.httpStatus === 416) return { status: 'failed', message: `${t.name}: requested range not satisfiable (416)` };
  const total = formatBytes(t.totalBytes);
  const start = t.rangeStart ?? 0;
  // A ranged GET of the first bytes is how a node (the virtual one, a firmware) checks a file is
  // there; it hangs up on purpose, which is not a failed download.
  if (t.httpStatus === 206 && start === 0 && t.rangeEnd !== undefined && t.rangeEnd < t.totalBytes - 1) {
    const asked = formatBytes(t.rangeEnd + 1);
    return { status: 'info', message: `${t.name} checked: the node fetched the first ${asked} of ${total} to see that it is there, then hung up (not a full download)` };
  }
  const from = start > 0 ? ` from byte ${start}` : '';
  if (!t.completed) {
    return { status: 'failed', message: `${t.name} download${from} stopped after ${formatBytes(t.bytes)} of ${total}: the node closed the connection` };
  }
  const rest = start > 0 ? `, the rest of ${total}` : '';
  return { status: 'completed', message: `Downloaded ${t.name}${from}: ${formatBytes(t.bytes)}${rest} (${t.httpStatus})` };
}

/** GET|HEAD /boot/images/{file} for a node: stream the file, then record what went out. */
export async function serveBootImage(args: {
  nodeId: number;
  name: string;
  method: 'GET' | 'HEAD';
  headers: Headers;
  sourceIp?: string | null;
}): Promise<Response> {
  await nodeForInstall(args.nodeId);
  return imageResponse({
    imagesDir: getConfig().bootImagesDir,
    name: args.name,
    method: args.method,
    headers: args.headers,
    onDone: (transfer) => {
      if (args.method !== 'GET') return;
      const { status, message } = describeTransfer(transfer);
      recordBootFetch({
        nodeId: args.nodeId,
        status,
        asset: transfer.name,
        message,
        httpStatus: transfer.httpStatus,
        bytes: transfer.bytes,
        sourceIp: args.sourceIp,
        discriminator: `${transfer.httpStatus}-${transfer.rangeStart ?? 0}`,
      });
    },
  });
}
