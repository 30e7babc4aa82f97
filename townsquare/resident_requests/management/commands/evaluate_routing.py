from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from townsquare.resident_requests.routing import data, predictor, training
from townsquare.resident_requests.routing.model import score_line, scores, selective, selective_line, top_two_accuracy


class Command(BaseCommand):
    help = (
        "用一个带类别的留言文件检验已保存的智能分拨模型：.tsv（留言文本<TAB>类别编号）或 .xlsx"
        "（留言主题、留言详情、一级分类 三列）。倒数第二行输出产品所用置信度门槛下的 selective_accuracy=… "
        "coverage=… threshold=…（有把握时的准确率和有把握的比例），最后一行输出 accuracy=… macro_f1=…。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=".tsv 或 .xlsx 文件")

    def handle(self, *args, file, **options):
        path = predictor.model_path()
        if not path.is_file():
            raise CommandError(f"还没有训练好的智能分拨模型（{path} 不存在）。请先运行 manage.py train_routing。")
        try:
            model = predictor.load_model(path)
        except Exception as error:
            raise CommandError(
                f"智能分拨模型 {path} 无法读取（{error}）。请重新运行 manage.py train_routing。"
            ) from None
        try:
            texts, labels = data.read_labelled_file(file)
        except data.DatasetError as error:
            raise CommandError(str(error)) from None
        probabilities = model.predict_proba(texts)
        predicted = probabilities.argmax(axis=1)
        if model.training_texts:
            groups = data.duplicate_groups(list(model.training_texts) + texts)
            trained = set(groups[: len(model.training_texts)].tolist())
            seen = sum(1 for group in groups[len(model.training_texts) :].tolist() if group in trained)
            if seen:
                self.stdout.write(
                    f"注意：其中 {seen} 条留言（或其近似重复）在训练数据里，这个结果会偏高；"
                    "要得到可靠的数字，请用 bench/routing_eval.py 做留出检验。"
                )
        self.stdout.write(f"留言 {len(texts)} 条，判对 {int((predicted == labels).sum())} 条。")
        for index, name in enumerate(data.LABELS):
            total = labels.count(index)
            if total:
                right = sum(1 for true, guess in zip(labels, predicted, strict=True) if true == guess == index)
                self.stdout.write(f"  {name}：{right}/{total}")
        threshold = settings.ROUTING_SUGGEST_MIN_CONFIDENCE
        self.stdout.write(f"前两个建议里有正确类别：{top_two_accuracy(probabilities, labels):.4f}")
        most_sure, lowest = training.most_sure(probabilities, labels, 0.7)
        self.stdout.write(f"最有把握的 70% 留言（置信度 {lowest:.2f} 以上）判对的比例：{most_sure:.4f}")
        self.stdout.write(selective_line(*selective(probabilities, labels, threshold), threshold))
        self.stdout.write(score_line(*scores(labels, predicted)))
