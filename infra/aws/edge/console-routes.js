// CloudFront Function (cloudfront-js-2.0, viewer request) on the console's default behaviour.
// The console's own routes (/queue, /tickets/10001, /callback, /) have no file behind them: they
// get index.html, and the app routes in the browser. Anything whose last segment has a dot is a
// file (/assets/main-3F2A.js, /config.json) and goes to S3 unchanged, so a missing file is still
// a 403 from the bucket rather than the app. An ack link (/ack/<payload>.<mac>) is a route although
// its token has a dot. Not a distribution-wide error response: that would
// also turn the API's 403/404 problem+json answers into index.html.
// Pattern: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/example_cloudfront_functions_url_rewrite_single_page_apps_section.html
// Runtime: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named handler.
function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.slice(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1 || request.uri.indexOf('/ack/') === 0) request.uri = '/index.html';
  return request;
}
