#pragma once
// The contrast chain's cost per stage, for `fluoroguide bench`: every frame of a simulated
// scenario (1024x1024 16-bit) through guidance::ContrastAnalyzer on one core.

#include <string>
#include <vector>

#include "core/Status.hpp"

namespace fg::app {

struct StageCost {
  std::string stage;
  double p50Ms = 0;
  double p99Ms = 0;
  double meanMs = 0;
};

struct ContrastChainCost {
  std::string scenario;
  int frames = 0;
  int motionFits = 0;          // frames on which a full motion fit ran
  std::vector<StageCost> stages;  // the last is the whole chain
};

// p50, p99 and mean of one stage's per-frame times.
StageCost summarise(std::string stage, std::vector<double> ms);

core::Result<ContrastChainCost> measureContrastChain(const std::string& scenario);

// The needle chain the same way: conversion, needle detection (tracking), level tracking, whole.
core::Result<ContrastChainCost> measureNeedleChain(const std::string& scenario);

}  // namespace fg::app
