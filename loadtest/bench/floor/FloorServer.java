import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare Netty floor that issue 27 measures qrpush against: the same WebSocket JSON frames the
 * load tester's {@code pubsub} speaks (authorize, subscribe, publish and its reply, message,
 * ping), on the same Netty, epoll and one event loop per core, with none of the server's work:
 * no authorization, limits, dedupe, metrics, receipts or history. Not a product: a yardstick, so
 * that docs/benchmarks.md can say how far qrpush is from what Netty itself costs on this machine,
 * measured in the same hour.
 *
 * <pre>
 *   java -cp loadtest-reports/&lt;run&gt;/server.jar loadtest/bench/floor/FloorServer.java 8080
 *   FLOOR=1 loadtest/bench/run.sh 1 pubsub-40        (run.sh starts it in place of the server)
 * </pre>
 * It takes Netty and Jackson from the server's jar, so both run the same library versions.
 */
public final class FloorServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<Channel>> SUBSCRIBERS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED); // as the server's Main does
        EpollEventLoopGroup boss = new EpollEventLoopGroup(1);
        EpollEventLoopGroup loops = new EpollEventLoopGroup(Runtime.getRuntime().availableProcessors());
        Channel server = new ServerBootstrap().group(boss, loops).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new HealthCheck(), new WebSocketServerProtocolHandler("/ws", null, false, 65536,
                                        false, true), new Frames());
                    }
                }).bind("127.0.0.1", port).sync().channel();
        System.out.println("floor server on 127.0.0.1:" + port);
        server.closeFuture().sync();
    }

    /** {@code GET /healthz}, which run.sh polls before it starts the load; the rest goes on to the upgrade. */
    static final class HealthCheck extends SimpleChannelInboundHandler<FullHttpRequest> {
        HealthCheck() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.uri().startsWith("/healthz")) {
                ctx.fireChannelRead(req);
                return;
            }
            req.release();
            ByteBuf body = Unpooled.copiedBuffer("{\"status\":\"ok\"}", StandardCharsets.UTF_8);
            DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            ctx.writeAndFlush(res);
        }
    }

    /** One connection's frames: read as a JSON tree, answered at once. */
    static final class Frames extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            JsonNode in = JSON.readTree(frame.text());
            String op = in.path("op").asText();
            if (op.equals("ping")) {
                send(ctx.channel(), JSON.createObjectNode().put("op", "pong"));
                return;
            }
            ObjectNode reply = JSON.createObjectNode().put("op", "reply").put("id", in.path("id").asLong()).put("code", 200);
            switch (op) {
                case "authorize" -> reply.put("sid", ctx.channel().id().asShortText()).put("canPublish", true)
                        .put("pingInterval", 25000);
                case "subscribe" -> {
                    String channel = in.path("channel").asText();
                    SUBSCRIBERS.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(ctx.channel());
                    ctx.channel().closeFuture().addListener(f -> SUBSCRIBERS.get(channel).remove(ctx.channel()));
                    reply.put("channel", channel);
                }
                case "publish" -> {
                    String channel = in.path("channel").asText();
                    ObjectNode message = JSON.createObjectNode().put("op", "message").put("channel", channel)
                            .put("guid", in.path("guid").asText()).put("ts", System.currentTimeMillis());
                    message.set("content", in.path("content"));
                    ByteBuf encoded = Unpooled.wrappedBuffer(JSON.writeValueAsBytes(message));
                    Set<Channel> subscribers = SUBSCRIBERS.getOrDefault(channel, Set.of());
                    for (Channel s : subscribers) {
                        s.writeAndFlush(new TextWebSocketFrame(encoded.retainedDuplicate()));
                    }
                    encoded.release();
                    reply.put("guid", in.path("guid").asText()).put("delivered", subscribers.size());
                }
                default -> reply.put("code", 400).put("error", "bad_request").put("message", "unknown op");
            }
            send(ctx.channel(), reply);
        }

        private static void send(Channel ch, ObjectNode frame) throws Exception {
            ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(JSON.writeValueAsBytes(frame))));
        }
    }
}
