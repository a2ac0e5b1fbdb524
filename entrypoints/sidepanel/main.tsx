import { render } from 'preact';
import { SidePanelApp } from '@/components/SidePanelApp';
import '@/components/theme.css';
import { openDb } from '@/lib/db/schema';

render(<SidePanelApp db={openDb()} />, document.getElementById('app')!);
