import { customType } from 'drizzle-orm/pg-core';

/** Raw bytes: token hashes, second-factor keys. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});
