/**
 * How long a person's name may be, as the booking and the draw read it (server/booking/
 * details-form.ts) and as their forms let it be typed (`maxlength`, so nobody types past what
 * the server would refuse with a message about something else).
 */
export const FULL_NAME_MAX = 120;
