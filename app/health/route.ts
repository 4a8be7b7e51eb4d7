import { json, route } from '@/lib/http/route';
import { healthReport } from '@/lib/system/info';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'public' }, async () => {
  const report = await healthReport();
  return json(report, report.database === 'up' ? 200 : 503);
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
