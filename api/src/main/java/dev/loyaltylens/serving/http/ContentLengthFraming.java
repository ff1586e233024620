package dev.loyaltylens.serving.http;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * HTTP/1.1 where a request body is framed by its {@code Content-Length} only: a request that
 * carries any {@code Transfer-Encoding} is refused with 400 while its headers are parsed, before a
 * byte of its body is read, and the connection is closed.
 *
 * <p>Request smuggling lives in the disagreement between two parsers about where a body ends: chunk
 * extensions (Jetty 9.4 skips everything up to the line end, quotes included), obsolete codings, a
 * {@code Transfer-Encoding} beside a {@code Content-Length}. The API's one body, a bounded batch,
 * always has a known length, so refusing every transfer coding removes the whole class instead of
 * arguing with each variant. Jetty's own strict {@link HttpCompliance#RFC7230_NO_AMBIGUOUS_URIS}
 * mode refuses repeated or malformed lengths, header folding, whitespace before a colon and
 * ambiguous paths.
 */
final class ContentLengthFraming extends HttpConnectionFactory {

  static final String REFUSED_CODING =
      "a request body is framed by a Content-Length only: Transfer-Encoding is refused";

  ContentLengthFraming(HttpConfiguration config) {
    super(config, HttpCompliance.RFC7230_NO_AMBIGUOUS_URIS);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection =
        new HttpConnection(
            getHttpConfiguration(),
            connector,
            endPoint,
            getHttpCompliance(),
            isRecordHttpComplianceViolations()) {
          @Override
          protected HttpChannelOverHttp newHttpChannel() {
            return new HttpChannelOverHttp(
                this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
              @Override
              public void parsedHeader(HttpField field) {
                // Thrown inside the parser, which answers it as a bad message, drops what it
                // buffered and closes.
                if (field.getHeader() == HttpHeader.TRANSFER_ENCODING) {
                  throw new BadMessageException(HttpStatus.BAD_REQUEST_400, REFUSED_CODING);
                }
                super.parsedHeader(field);
              }
            };
          }
        };
    return configure(connection, connector, endPoint);
  }
}
