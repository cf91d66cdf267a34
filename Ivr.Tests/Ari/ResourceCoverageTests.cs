using Ivr.Ari;
using Ivr.Ari.Resources;

namespace Ivr.Tests.Ari;

public sealed class ResourceCoverageTests
{
    [Theory]
    [InlineData(typeof(AsteriskResource), "GetInfoAsync PingAsync")]
    [InlineData(typeof(ApplicationsResource), "ListAsync GetAsync SubscribeAsync UnsubscribeAsync")]
    [InlineData(typeof(ChannelsResource), "ListAsync GetAsync OriginateAsync OriginateWithIdAsync CreateAsync DialAsync AnswerAsync RingAsync RingStopAsync "
        + "HangupAsync PlayAsync PlayWithIdAsync RecordAsync SendDTMFAsync GetChannelVarAsync SetChannelVarAsync ContinueInDialplanAsync RedirectAsync "
        + "StartMohAsync StopMohAsync SnoopChannelAsync SnoopChannelWithIdAsync ExternalMediaAsync MuteAsync UnmuteAsync HoldAsync UnholdAsync "
        + "StartPlaybackAsync StartRecordingAsync StartOriginateAsync")]
    [InlineData(typeof(BridgesResource), "ListAsync GetAsync CreateAsync CreateWithIdAsync AddChannelAsync RemoveChannelAsync PlayAsync PlayWithIdAsync "
        + "StartMohAsync StopMohAsync DestroyAsync StartPlaybackAsync StartRecordingAsync")]
    [InlineData(typeof(PlaybacksResource), "GetAsync ControlAsync StopAsync")]
    [InlineData(typeof(RecordingsResource), "GetLiveAsync StopAsync PauseAsync UnpauseAsync MuteAsync UnmuteAsync CancelAsync "
        + "ListStoredAsync GetStoredAsync GetStoredFileAsync CopyStoredAsync DeleteStoredAsync")]
    [InlineData(typeof(SoundsResource), "ListAsync GetAsync")]
    public void Every_operation_the_service_relies_on_is_a_typed_method_taking_a_cancellation_token(Type resource, string methods)
    {
        foreach (var name in methods.Split(' '))
        {
            var method = resource.GetMethods().FirstOrDefault(m => m.Name == name);
            Assert.True(method is not null, $"{resource.Name}.{name} is missing");
            Assert.Equal(typeof(CancellationToken), method!.GetParameters()[^1].ParameterType);
            Assert.True(typeof(Task).IsAssignableFrom(method.ReturnType), $"{resource.Name}.{name} is not async");
        }
        Assert.Contains(typeof(IAriClient).GetProperties(), p => p.PropertyType == resource);
    }
}
