import { useEffect, useState } from 'preact/hooks';
import type { Platform } from '@/lib/records/record';
import { grantAdvice, type SiteAccess } from '@/lib/siteAccess';
import { PLATFORM_LABEL } from './labels';

const list = new Intl.ListFormat('en', { type: 'conjunction' });

/** Says which portals the browser withholds from the add-on (nothing is recorded there) and how to grant them. */
export function SiteAccessNotice({ access, browserName }: { access: SiteAccess | undefined; browserName: 'firefox' | 'chrome' }) {
  const [withheld, setWithheld] = useState<Platform[]>([]);
  useEffect(() => access?.watch(setWithheld), [access]);
  if (!access || withheld.length === 0) return null;
  const names = list.format(withheld.map((p) => PLATFORM_LABEL[p]));
  return (
    <div class="notice error site-access" role="alert">
      <p>
        Sync History has no access to the {names} seller portal{withheld.length === 1 ? '' : 's'}, so nothing you publish there is recorded.
      </p>
      <button type="button" onClick={() => access.grant()}>
        Allow access to the portals
      </button>
      <p class="muted">{grantAdvice(browserName)}</p>
    </div>
  );
}
