export const handler = async () => {
  throw new Error('placeholder: the sweeper comes from the paging branch');
};
