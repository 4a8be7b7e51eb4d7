import { json, route } from '@/lib/http/route';
import { healthReport } from '@/lib/system/info';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'public' }, async () => {
  const report = await healthReport();
  return json(report, report.database === 'up' ? 200 : 503);
});
