import type { Status } from '@/lib/records/record';
import { STATUS_ICON, STATUS_LABEL } from './labels';

export function StatusBadge({ status }: { status: Status }) {
  return (
    <span class={`status status-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span> {STATUS_LABEL[status]}
    </span>
  );
}
