import { getConfig } from '@/lib/config';
import { recordBootFetch } from './fetch-record';
import { formatBytes } from './format-bytes';
import { imageResponse, type ImageTransfer } from './image-response';
import { nodeForInstall } from './install-access';

function describe(t: ImageTransfer): { status: 'completed' | 'failed' | 'info'; message: string } {
  if (t.httpStatus === 304) return { status: 'info', message: `${t.name} not modified (304)` };
  if (t.httpStatus === 416) return { status: 'failed', message: `${t.name}: requested range not satisfiable (416)` };
  const part = t.rangeStart ? ` from byte ${t.rangeStart}` : '';
  if (!t.completed) return { status: 'failed', message: `${t.name} download interrupted after ${formatBytes(t.bytes)}${part}` };
  return { status: 'completed', message: `Downloaded ${t.name}${part}: ${formatBytes(t.bytes)} (${t.httpStatus})` };
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
      const { status, message } = describe(transfer);
      void recordBootFetch({
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
