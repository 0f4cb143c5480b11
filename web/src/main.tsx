/**
 * The entry: small on purpose. It takes a token from the address, starts the first page's API calls,
 * and only then loads the app (React, ECharts), so that the two overlap.
 */
import { adoptTokenFromFragment } from './api/client.js';
import { primeForPath } from './pages/overview-requests.js';

adoptTokenFromFragment();
primeForPath(location.pathname);
void import('./boot.js');
