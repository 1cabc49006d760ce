"""A local SMTP server for tests: the real smtplib client talks to it, so what the site sends
is what a mailbox would receive."""
import socketserver
import threading
from email import message_from_bytes, policy


class _SMTPSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept messages: the real smtplib client talks to it. It refuses
    recipients whose address holds "refused" (550), as a server refuses an unknown mailbox."""

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                lines = []
                while (part := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(part)
                self.server.received.append(message_from_bytes(b"".join(lines), policy=policy.default))
                self.server.got_mail.set()
                self.wfile.write(b"250 ok\r\n")
            elif verb == b"RCPT" and b"refused" in line.lower():  # an address the server does not know
                self.wfile.write(b"550 no such user\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def serve_smtp(app):
    """Start a sink, point the app's mail settings at it; yields the server (`received`, `got_mail`)."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPSink)
    server.received, server.got_mail = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.server_address[1])
    yield server
    server.shutdown()
    server.server_close()
