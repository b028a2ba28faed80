// CloudFront Function (cloudfront-js-2.0, viewer request) on the `/api/*` behaviour: the console
// calls the API under /api on its own origin, and API Gateway knows the routes without it
// (/api/tickets/1 -> /tickets/1, /api -> /). The query string is a separate field of the event and
// passes unchanged.
// Event structure: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named handler.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/api') request.uri = '/';
  else if (uri.indexOf('/api/') === 0) request.uri = uri.slice('/api'.length);
  return request;
}
