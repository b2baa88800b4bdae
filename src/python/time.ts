// Python's time formatting in the C locale, for dates Supervisor shows (web messages, stop times).

/** strftime's %b in the C locale, by Date.getMonth(). */
export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime's %a in the C locale, by Date.getDay(). */
export const WEEKDAY_ABBREVIATIONS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Two digits, zero-padded, like %d, %H, %M. */
export function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** time.ctime() in local time: `Wed Nov  5 17:31:12 2026` (the day padded with a space). */
export function ctime(d = new Date()): string {
  return `${WEEKDAY_ABBREVIATIONS[d.getDay()]} ${MONTH_ABBREVIATIONS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ` +
    `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}:${twoDigits(d.getSeconds())} ${d.getFullYear()}`;
}
