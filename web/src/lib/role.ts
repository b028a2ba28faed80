/** Who a signed-in user is to the console (the API's roles). */
export type Role = 'admin' | 'agent' | 'customer';
