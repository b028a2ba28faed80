// Tests author calendars with country/region holidays: give them the rules (Lambda bundles do without).
import '#shared/calendar/holiday-rules.ts';
