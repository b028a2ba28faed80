/** The calendar names a policy's clocks may refer to besides its own calendars (no zod, for run time and the schema alike). */

/** Clocks run on a named calendar, on `24x7`, or on `region` (the ticket region's calendar). */
export const ALWAYS_OPEN_NAME = '24x7';
export const REGION_CALENDAR = 'region';
