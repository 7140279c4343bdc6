import { expect } from 'chai';
import { call, message, post, startConversation, startHarness, StreamClient, upgradeStatus, type Harness } from './directlineHarness.ts';

const DL = '/v3/directline';

describe('Direct Line 3.0 WebSocket stream', () => {
  let h: Harness;
  const clients: StreamClient[] = [];
  const connect = async (url: string): Promise<StreamClient> => {
    const client = new StreamClient(url);
    clients.push(client);
    await client.open();
    return client;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await h?.close();
  });

  it('streams the echo (with clientActivityID) before the reply (with suggestedActions and step)', async () => {
    h = await startHarness();
    const c = await startConversation(h);
    const ws = await connect(c.streamUrl);
    const sent = await post(h, c, message('hola', 'cid-42'));
    await ws.waitFor((s) => s.activities.length >= 2, 'echo and reply');

    const [echoSet, replySet] = ws.sets;
    expect(echoSet?.watermark).to.be.a('string');
    const echo = echoSet!.activities[0]!;
    expect(echo.id).to.equal(sent.json.id);
    expect(echo.from.role).to.equal('user');
    expect(echo.channelData.clientActivityID).to.equal('cid-42');
    expect(echo.text).to.equal('hola');

    const reply = replySet!.activities[0]!;
    expect(reply.from).to.deep.equal({ id: 'faro', role: 'bot' });
    expect(reply.replyToId).to.equal(echo.id);
    expect(reply.channelData.step).to.equal('menu');
    expect(reply.channelData).not.to.have.property('clientActivityID');
    expect(reply.suggestedActions.actions.map((a: { value: unknown }) => a.value)).to.deep.equal([{ action: 'yes' }, { action: 'no' }]);
    expect(replySet!.watermark).not.to.equal(echoSet!.watermark);
  });

  it('replays what happened between starting the conversation and connecting', async () => {
    h = await startHarness();
    const c = await startConversation(h);
    await post(h, c, message('antes de conectar', 'early'));
    const ws = await connect(c.streamUrl);
    await ws.waitFor((s) => s.activities.length >= 2, 'replay');
    expect(ws.activities.map((a) => a.text)).to.deep.equal(['antes de conectar', 'echo: antes de conectar']);
  });

  it("tolerates the client's empty pings", async () => {
    h = await startHarness();
    const c = await startConversation(h);
    const ws = await connect(c.streamUrl);
    ws.ws.send('');
    ws.ws.send('');
    await post(h, c, message('sigo aquí', 'after-ping'));
    await ws.waitFor((s) => s.activities.length >= 2, 'frames after pings');
    expect(ws.closed).to.equal(undefined);
  });

  it('sends empty keep-alive frames', async () => {
    h = await startHarness({ keepAliveMs: 20 });
    const c = await startConversation(h);
    const ws = await connect(c.streamUrl);
    await ws.waitFor((s) => s.frames.includes(''), 'a keep-alive');
    expect(ws.sets).to.have.length(0);
  });

  it('reconnects with GET /conversations/:id?watermark= and replays what was missed', async () => {
    h = await startHarness();
    const c = await startConversation(h);
    const first = await connect(c.streamUrl);
    await post(h, c, message('uno', 'r-1'));
    await first.waitFor((s) => s.activities.length >= 2, 'first exchange');
    const seen = first.sets.at(-1)!.watermark!;
    first.close();
    await first.waitFor((s) => s.closed !== undefined, 'close');

    await post(h, c, message('dos', 'r-2'));
    const again = await call(h.url, 'GET', `${DL}/conversations/${c.id}?watermark=${encodeURIComponent(seen)}`, { auth: c.token });
    expect(again.status).to.equal(200);
    const second = await connect(again.json.streamUrl as string);
    await second.waitFor((s) => s.activities.length >= 2, 'replay of the missed exchange');
    expect(second.activities.map((a) => a.text)).to.deep.equal(['dos', 'echo: dos']);

    // Without a watermark the new stream carries only what comes next.
    const live = await call(h.url, 'GET', `${DL}/conversations/${c.id}`, { auth: c.token });
    expect(new URL(live.json.streamUrl as string).searchParams.has('watermark')).to.equal(false);
    const third = await connect(live.json.streamUrl as string);
    await post(h, c, message('tres', 'r-3'));
    await third.waitFor((s) => s.activities.length >= 2, 'live only');
    expect(third.activities.map((a) => a.text)).to.deep.equal(['tres', 'echo: tres']);
  });

  it('closes the older socket with reason collision when a newer one connects', async () => {
    h = await startHarness();
    const c = await startConversation(h);
    const older = await connect(c.streamUrl);
    const newer = await connect(c.streamUrl);
    await older.waitFor((s) => s.closed !== undefined, 'older closed');
    expect(older.closed?.reason).to.equal('collision');
    await post(h, c, message('para el nuevo', 'col-1'));
    await newer.waitFor((s) => s.activities.some((a) => a.text === 'echo: para el nuevo'), 'reply on the newer socket');
    expect(newer.closed).to.equal(undefined);
  });

  it('echoes typing over the socket only, with its channelData', async () => {
    h = await startHarness();
    const c = await startConversation(h);
    const ws = await connect(c.streamUrl);
    await post(h, c, { type: 'typing', from: { id: 'dl_user1' }, channelData: { clientActivityID: 't-1' } });
    await ws.waitFor((s) => s.sets.length >= 1, 'typing echo');
    const [set] = ws.sets;
    expect(set).not.to.have.property('watermark');
    expect(set!.activities[0]).to.include({ type: 'typing' });
    expect(set!.activities[0]!.channelData).to.deep.equal({ clientActivityID: 't-1' });
  });

  it('refuses the upgrade without a token (401), with a forged one or one for another conversation (403)', async () => {
    h = await startHarness();
    const a = await startConversation(h);
    const b = await startConversation(h);
    const base = h.url.replace('http', 'ws');
    expect(await upgradeStatus(`${base}${DL}/conversations/${a.id}/stream`)).to.equal(401);
    expect(await upgradeStatus(`${base}${DL}/conversations/${a.id}/stream?t=forged.token`)).to.equal(403);
    expect(await upgradeStatus(`${base}${DL}/conversations/${b.id}/stream?t=${encodeURIComponent(a.token)}`)).to.equal(403);
    expect(await upgradeStatus(`${base}/not/a/stream`)).to.equal(404);
  });

  it('refuses an expired token on the stream', async () => {
    h = await startHarness({ tokenTtlSeconds: 60 });
    const c = await startConversation(h);
    h.clock.advance(61_000);
    expect(await upgradeStatus(c.streamUrl)).to.equal(403);
  });

  it('says goodbye (1001) to open sockets when the server closes', async () => {
    h = await startHarness();
    const c = await startConversation(h);
    const ws = await connect(c.streamUrl);
    await h.close();
    await ws.waitFor((s) => s.closed !== undefined, 'close on shutdown');
    expect(ws.closed?.code).to.equal(1001);
  });
});
