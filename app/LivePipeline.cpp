#include "app/LivePipeline.hpp"

#include <algorithm>

namespace fg::app {

core::Result<std::unique_ptr<LivePipeline>> LivePipeline::open(const PipelineOptions& options,
                                                               core::Clock& clock) {
  auto source = capture::openSource(options.sourceSpec, options.source);
  if (!source) return source.status();
  return create(std::move(source.value()), options, clock);
}

std::unique_ptr<LivePipeline> LivePipeline::create(std::unique_ptr<capture::FrameSource> source,
                                                   const PipelineOptions& options, core::Clock& clock) {
  auto pipeline = std::make_unique<LivePipeline>();
  pipeline->spec_ = options.sourceSpec;
  // Large frames get a shorter history so the pool stays near 256 MiB.
  const size_t frameBytes = source->info().format.byteCount();
  const size_t affordable = std::max<size_t>(8, (256u << 20) / std::max<size_t>(frameBytes, 1));
  pipeline->hub_ = std::make_unique<core::FrameHub>(std::min(options.historyFrames, affordable));
  pipeline->capture_ =
      std::make_unique<capture::CaptureThread>(std::move(source), *pipeline->hub_, clock, options.capture);
  return pipeline;
}

}  // namespace fg::app
