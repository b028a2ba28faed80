/**
 * English messages for `zod/mini`, the zod of Lambda code (classic zod installs them by itself,
 * mini does not, and its messages would all read "Invalid input"). Every module that builds or
 * parses `zod/mini` schemas imports this one first, for its effect.
 */

import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());
